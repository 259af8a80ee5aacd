/* unmark review page: filter, edit, merge, split, mark reviewed, export (TMX/TSV/JSONL/corrections).
   Everything runs from file://, nothing is fetched. The operations a translator makes are kept as a
   list (saved in localStorage, keyed by the alignment's hash) and replayed on the embedded table, the
   same way `unmark align --apply corrections.json` replays them (unmark/align/review.py). The TMX,
   TSV and JSONL writers follow unmark/io/tmx.py and unmark/io/sheets.py byte for byte. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("unmark-data").textContent);
  var L = D.langs, NL = L.length, KEY = "unmark-review:" + D.document, PAGE = 100;
  var PER = /per-page=(\d+)/.exec(location.hash);              // page.html#per-page=500
  if (PER) PAGE = Math.max(10, +PER[1]);
  var ops = [], rows = [], view = [], cur = 0, filter = "all", query = "", editing = null, hidden = {};

  // ------------------------------------------------------------------ Python-compatible text helpers
  var PYWS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  var WS_ONLY = new RegExp("^[" + PYWS + "]*$"), WS_RUN = new RegExp("[" + PYWS + "]+", "g");
  function blank(s) { return s === null || s === undefined || WS_ONLY.test(s); }
  function flat(s) { return s.split(WS_RUN).filter(function (x) { return x !== ""; }).join(" "); }
  function cpLen(s) { return Array.from(s).length; }              // Python len(): code points
  function cpSlice(s, a, b) { return Array.from(s).slice(a, b).join(""); }
  function toCp(s, unit) { return cpLen(s.slice(0, unit)); }        // UTF-16 offset -> code points
  function pyFloat(x) {                                             // Python repr(float) for 3-decimal values
    var s = String(x);
    return /^-?\d+$/.test(s) ? s + ".0" : s;
  }
  function fix3(x) { return (Math.round(x * 1000) / 1000).toFixed(3); }

  // ------------------------------------------------------------------ the table and the operations
  function seg(c) { return c ? Object.assign({}, c) : null; }
  function base() {
    return D.rows.map(function (r) {
      return { cells: r.cells.map(seg), confidence: r.confidence, kind: r.kind, edited: false, reviewed: false };
    });
  }
  function sep(lang) {
    if (D.level === "paragraph") return "\n";
    var b = lang.split("-")[0];
    return (b === "zh" || b === "ja") ? "" : " ";
  }
  function joinLabels(a, b) {
    var out = [];
    [a, b].forEach(function (lab) {
      (lab || "").split("+").forEach(function (p) { if (p && out.indexOf(p) < 0) out.push(p); });
    });
    return out.length ? out.join("+") : null;
  }
  function first(a, b) { return (a !== null && a !== undefined) ? a : (b === undefined ? null : b); }
  function mergeSeg(a, b, lang) {
    if (!a) return b;
    if (!b) return a;
    return { lang: lang, text: a.text + sep(lang) + b.text, symbol: first(a.symbol, b.symbol),
      page: first(a.page, b.page), paragraph: joinLabels(a.paragraph, b.paragraph),
      block_index: first(a.block_index, b.block_index), sentence_index: first(a.sentence_index, b.sentence_index),
      source: first(a.source, b.source) };
  }
  function counts(kind) {
    var p = kind.split("-").map(Number);
    return (p.length === NL && p.every(function (x) { return Number.isInteger(x); })) ? p : L.map(function () { return 0; });
  }
  function presence(cells) { return cells.map(function (c) { return c ? "1" : "0"; }).join("-"); }
  function withText(c, t) { var o = Object.assign({}, c); o.text = t; return o; }
  function check(cond, msg) { if (!cond) throw new Error(msg); }
  function apply(rs, op) {
    var i = op.row;
    check(Number.isInteger(i) && i >= 0 && i < rs.length, "row " + i + " is not in the table");
    if (op.op === "edit") {
      var k = L.indexOf(op.lang), old = rs[i].cells[k];
      check(k >= 0 && typeof op.text === "string", "bad edit");
      var n = counts(rs[i].kind);
      n[k] = blank(op.text) ? 0 : Math.max(1, n[k]);
      rs[i].kind = n.join("-");
      rs[i].cells[k] = blank(op.text) ? null : (old ? withText(old, op.text) : {
        lang: op.lang, text: op.text, symbol: null, page: null, paragraph: null, block_index: null,
        sentence_index: null, source: null });
      rs[i].edited = true;
    } else if (op.op === "merge") {
      check(i + 1 < rs.length, "no row after row " + i);
      var a = rs[i], b = rs.splice(i + 1, 1)[0], ca = counts(a.kind), cb = counts(b.kind);
      a.cells = L.map(function (lg, j) { return mergeSeg(a.cells[j], b.cells[j], lg); });
      a.kind = ca.map(function (x, j) { return x + cb[j]; }).join("-");
      a.confidence = Math.min(a.confidence, b.confidence);
      a.edited = true;
      a.reviewed = a.reviewed || b.reviewed;
    } else if (op.op === "split") {
      var row = rs[i], up = row.cells.slice(), lo = L.map(function () { return null; });
      Object.keys(op.at).forEach(function (lg) {
        var j = L.indexOf(lg), c = row.cells[j], pos = op.at[lg];
        check(j >= 0, "bad language " + lg);
        if (!c) return;
        check(Number.isInteger(pos) && pos >= 0 && pos <= cpLen(c.text), "bad split offset");
        var head = cpSlice(c.text, 0, pos), tail = cpSlice(c.text, pos);
        up[j] = blank(head) ? null : withText(c, head);
        lo[j] = blank(tail) ? null : withText(c, tail);
      });
      row.cells = up;
      row.kind = presence(up);
      row.edited = true;
      rs.splice(i + 1, 0, { cells: lo, confidence: row.confidence, kind: presence(lo), edited: true,
        reviewed: row.reviewed });
    } else if (op.op === "review") {
      rs[i].reviewed = op.value !== false;
    } else {
      throw new Error("unknown operation " + op.op);
    }
  }
  function conf(r) { return (r.edited || r.reviewed) ? 1.0 : r.confidence; }
  function flagged(r) { return r.confidence < D.low && !r.edited && !r.reviewed; }
  function gap(r) { return r.cells.some(function (c) { return !c || blank(c.text); }); }

  // ------------------------------------------------------------------ writers (same bytes as Python)
  var INVALID = /[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  function cleanXml(s) { return s.replace(INVALID, ""); }
  function esc(s) {
    return cleanXml(String(s)).replace(/&/g, "&amp;").replace(/>/g, "&gt;").replace(/</g, "&lt;").replace(/\r/g, "&#13;");
  }
  function attr(s) {
    var d = esc(s).replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
    if (d.indexOf('"') >= 0) {
      return d.indexOf("'") >= 0 ? '"' + d.replace(/"/g, "&quot;") + '"' : "'" + d + "'";
    }
    return '"' + d + '"';
  }
  function toTMX() {
    var src = L[0], out = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<!DOCTYPE tmx SYSTEM "tmx14.dtd">',
      '<tmx version="1.4">',
      '  <header creationtool="unmark" creationtoolversion=' + attr(D.tool_version) + ' segtype="' +
        (D.level === "sentence" ? "sentence" : "paragraph") + '" o-tmf="unmark" adminlang="en-US" srclang=' +
        attr(D.xml_langs[src]) + ' datatype="plaintext">'];
    D.warnings.forEach(function (w) { out.push("    <note>" + esc(w.code + ": " + w.message) + "</note>"); });
    out.push("  </header>", "  <body>");
    rows.forEach(function (r, k) {
      var s = r.cells[0];
      if (!s || blank(s.text)) return;
      var present = [];
      r.cells.forEach(function (c, j) { if (c && !blank(c.text)) present.push([L[j], c]); });
      if (present.length < 2) return;
      out.push('    <tu tuid="' + (k + 1) + '">');
      out.push('      <prop type="x-confidence">' + fix3(conf(r)) + "</prop>");
      out.push('      <prop type="x-kind">' + esc(r.kind) + "</prop>");
      present.forEach(function (p) {
        var c = p[1];
        out.push("      <tuv xml:lang=" + attr(D.xml_langs[p[0]]) + ">");
        [["x-symbol", c.symbol], ["x-page", c.page], ["x-paragraph", c.paragraph]].forEach(function (nv) {
          if (nv[1] !== null && nv[1] !== undefined && String(nv[1]) !== "") {
            out.push('        <prop type="' + nv[0] + '">' + esc(nv[1]) + "</prop>");
          }
        });
        out.push("        <seg>" + esc(c.text) + "</seg>");
        out.push("      </tuv>");
      });
      out.push("    </tu>");
    });
    out.push("  </body>", "</tmx>");
    return out.join("\n") + "\n";
  }
  function csvField(s) {
    return /[\t"\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function toTSV() {
    var head = ["row", "kind", "confidence", "low"].concat(L);
    L.forEach(function (lg) { head.push(lg + "_paragraph", lg + "_page"); });
    var lines = [head.map(csvField).join("\t")];
    rows.forEach(function (r, k) {
      var c = conf(r), f = [String(k + 1), r.kind, pyFloat(Math.round(c * 1000) / 1000), c < D.low ? "True" : "False"];
      r.cells.forEach(function (s) { f.push(s ? flat(s.text) : ""); });
      r.cells.forEach(function (s) {
        f.push(s && s.paragraph !== null && s.paragraph !== undefined ? s.paragraph : "");
        var p = s ? s.page : null;
        f.push(p === null || p === undefined ? "" : String(p));  // page numbers are integers, blank when missing
      });
      lines.push(f.map(csvField).join("\t"));
    });
    return lines.join("\n") + "\n";
  }
  function pyJSON(v) {                                   // json.dumps(v, ensure_ascii=False)
    if (v === null || v === undefined) return "null";
    if (v === true) return "true";
    if (v === false) return "false";
    if (typeof v === "number") return v;
    if (typeof v === "string") return JSON.stringify(v);
    if (v.__float !== undefined) return pyFloat(v.__float);
    return "{" + Object.keys(v).map(function (k) { return JSON.stringify(k) + ": " + pyJSON(v[k]); }).join(", ") + "}";
  }
  var SEG_KEYS = ["lang", "text", "symbol", "page", "paragraph", "block_index", "sentence_index", "source"];
  function toJSONL() {
    return rows.map(function (r, k) {
      var cells = {}, c = conf(r);
      L.forEach(function (lg, j) {
        var s = r.cells[j];
        if (!s) { cells[lg] = null; return; }
        var o = {};
        SEG_KEYS.forEach(function (key) { o[key] = s[key] === undefined ? null : s[key]; });
        cells[lg] = o;
      });
      return pyJSON({ row: k + 1, kind: r.kind, confidence: { __float: Math.round(c * 1000) / 1000 },
        low_confidence: c < D.low, level: D.level, cells: cells });
    }).join("\n") + (rows.length ? "\n" : "");
  }
  function corrections() {
    return JSON.stringify({ format: "unmark-corrections", version: 1, document: D.document, langs: L,
      rows: D.rows.length, operations: ops }, null, 1) + "\n";
  }
  function download(name, text, type) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type + ";charset=utf-8" }));
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ------------------------------------------------------------------ state
  function rebuild() {
    rows = base();
    var good = [];
    for (var k = 0; k < ops.length; k++) {
      try { apply(rows, ops[k]); good.push(ops[k]); } catch (e) { say("skipped a saved change: " + e.message); }
    }
    ops = good;
  }
  function save() {
    try { localStorage.setItem(KEY, JSON.stringify({ ops: ops, saved: new Date().toISOString() })); }
    catch (e) { say("progress not saved (local storage unavailable): export corrections.json"); }
  }
  function push(op) {
    apply(rows, op);
    ops.push(op);
    save();
  }
  function undo() {
    if (!ops.length) return;
    ops.pop();
    rebuild();
    save();
    refresh(true);
    say("undone; " + ops.length + " change(s) kept");
  }

  // ------------------------------------------------------------------ view
  var $ = function (id) { return document.getElementById(id); };
  var tbody = $("rows");
  function say(msg) { $("status").textContent = msg; }
  function matches(r) {
    if (filter === "flagged" && !flagged(r)) return false;
    if (filter === "gaps" && !gap(r)) return false;
    if (filter === "edited" && !r.edited) return false;
    if (filter === "todo" && r.reviewed) return false;
    if (query) {
      var q = query.toLowerCase();
      return r.cells.some(function (c) { return c && c.text.toLowerCase().indexOf(q) >= 0; });
    }
    return true;
  }
  function computeView() {
    view = [];
    for (var i = 0; i < rows.length; i++) if (matches(rows[i])) view.push(i);
  }
  var CTRL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]/g;
  function h(s) {
    return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }
  function rowHTML(i) {
    var r = rows[i], cls = [];
    if (flagged(r)) cls.push("low");
    if (gap(r)) cls.push("gap");
    if (r.edited) cls.push("ed");
    if (r.reviewed) cls.push("rev");
    if (view[cur] === i) cls.push("cur");
    var s = '<tr data-i="' + i + '" class="' + cls.join(" ") + '"><td class="n">' + (i + 1) + "</td>";
    r.cells.forEach(function (c, j) {
      var lg = L[j], b = lg.split("-")[0], a = ' class="l' + j + (c ? "" : " empty") + '" lang="' + h(b) + '"' +
        (["ar", "fa", "he", "ur"].indexOf(b) >= 0 ? ' dir="rtl"' : "");
      if (!c || blank(c.text)) { s += "<td" + a + ">—</td>"; return; }
      var lab = [];
      if (c.paragraph) lab.push("¶ " + c.paragraph);
      if (c.page !== null && c.page !== undefined) lab.push("p. " + c.page);
      s += "<td" + a + ">" + (lab.length ? '<span class="lab" dir="ltr">' + h(lab.join(" · ")) + "</span>" : "") +
        '<div class="t">' + h(c.text.replace(CTRL, "")) + "</div></td>";
    });
    s += '<td class="c" title="' + h(r.kind) + '">' + (r.edited || r.reviewed ? "1.00" : r.confidence.toFixed(2)) +
      '</td><td class="s">' + (r.reviewed ? "✓" : "") + (r.edited ? "✎" : "") + "</td></tr>";
    return s;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(view.length / PAGE));
    if (cur >= view.length) cur = Math.max(0, view.length - 1);
    var p = Math.floor(cur / PAGE), a = p * PAGE, b = Math.min(view.length, a + PAGE), s = "";
    for (var k = a; k < b; k++) s += rowHTML(view[k]);
    tbody.innerHTML = s || '<tr><td colspan="' + (NL + 3) + '" class="empty">no rows match this filter</td></tr>';
    editing = null;
    $("page").textContent = "page " + (p + 1) + " / " + pages;
    var nf = 0, ne = 0, nr = 0;
    rows.forEach(function (r) { if (flagged(r)) nf++; if (r.edited) ne++; if (r.reviewed) nr++; });
    $("counts").textContent = view.length + " shown · " + rows.length + " rows · " + nf + " flagged · " + ne +
      " edited · " + nr + " reviewed · " + ops.length + " change(s)";
    document.body.setAttribute("data-ready", "1");
  }
  function refresh(keep) {
    var at = view[cur];
    computeView();
    if (keep && at !== undefined) {
      var k = view.indexOf(at);
      if (k < 0) { k = 0; while (k < view.length && view[k] < at) k++; }
      cur = k;
    }
    render();
  }
  function focusRow(k, scroll) {
    if (!view.length) return;
    k = Math.max(0, Math.min(view.length - 1, k));
    var samePage = Math.floor(k / PAGE) === Math.floor(cur / PAGE);
    cur = k;
    if (!samePage) render();
    else {
      var old = tbody.querySelector("tr.cur");
      if (old) old.classList.remove("cur");
    }
    var tr = tbody.querySelector('tr[data-i="' + view[cur] + '"]');
    if (tr) { tr.classList.add("cur"); if (scroll !== false) tr.scrollIntoView({ block: "nearest" }); }
  }
  function setFilter(f) {
    filter = f;
    document.querySelectorAll("[data-filter]").forEach(function (b) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-filter") === f));
    });
    cur = 0;
    refresh(false);
  }
  function nextFlagged(dir) {
    var at = view.length ? view[cur] : -1;
    for (var i = at + dir; i >= 0 && i < rows.length; i += dir) {
      if (flagged(rows[i])) {
        var k = view.indexOf(i);
        if (k < 0) { filter = "all"; setFilter("all"); k = view.indexOf(i); }
        focusRow(k);
        return;
      }
    }
    say(dir > 0 ? "no flagged row after this one" : "no flagged row before this one");
  }

  // ------------------------------------------------------------------ editing
  function startEdit() {
    if (!view.length || editing !== null) return;
    var i = view[cur], tr = tbody.querySelector('tr[data-i="' + i + '"]');
    if (!tr) return;
    editing = { row: i, touched: {} };
    rows[i].cells.forEach(function (c, j) {
      var td = tr.querySelector("td.l" + j), ta = document.createElement("textarea");
      ta.value = c ? c.text : "";
      ta.setAttribute("data-l", j);
      ta.setAttribute("lang", L[j].split("-")[0]);
      if (td.getAttribute("dir")) ta.setAttribute("dir", td.getAttribute("dir"));
      ["focus", "click", "keyup", "select"].forEach(function (ev) {
        ta.addEventListener(ev, function () { if (editing) editing.touched[j] = true; });
      });
      td.classList.remove("empty");
      td.textContent = "";
      td.appendChild(ta);
    });
    var ta0 = tr.querySelector("textarea");
    if (ta0) ta0.focus();
    say("editing row " + (i + 1) + ": Ctrl+Enter saves, Esc cancels, Alt+S splits at the cursor(s)");
  }
  function areas() { return tbody.querySelectorAll('tr[data-i="' + editing.row + '"] textarea'); }
  function commitEdits(exact) {
    var i = editing.row, n = 0;
    areas().forEach(function (ta) {
      var j = +ta.getAttribute("data-l"), c = rows[i].cells[j], old = c ? c.text : "";
      var same = exact ? ta.value === old : ta.value === old.replace(/\r\n?/g, "\n");
      if (!same && !(blank(ta.value) && !c)) { push({ op: "edit", row: i, lang: L[j], text: ta.value }); n++; }
    });
    return n;
  }
  function saveEdit() {
    if (editing === null) return;
    var n = commitEdits(false);
    editing = null;
    refresh(true);
    say(n ? "saved " + n + " cell(s)" : "no change");
  }
  function cancelEdit() { editing = null; render(); say("edit cancelled"); }
  function split() {
    if (editing === null) { startEdit(); say("place the cursor where the row splits (in one or more columns), then Alt+S"); return; }
    var i = editing.row, at = {}, any = false, tas = areas(), pos = {};
    tas.forEach(function (ta) { pos[+ta.getAttribute("data-l")] = ta.selectionStart; });
    commitEdits(true);
    tas.forEach(function (ta) {
      var j = +ta.getAttribute("data-l");
      if (editing.touched[j] && rows[i].cells[j]) { at[L[j]] = toCp(rows[i].cells[j].text, pos[j]); any = true; }
    });
    if (!any) { say("click in a cell where the row should split first"); return; }
    push({ op: "split", row: i, at: at });
    editing = null;
    refresh(true);
    say("row " + (i + 1) + " split in two");
  }
  function merge() {
    if (!view.length) return;
    var i = view[cur];
    if (i + 1 >= rows.length) { say("the last row has no next row to merge with"); return; }
    push({ op: "merge", row: i });
    refresh(true);
    say("rows " + (i + 1) + " and " + (i + 2) + " merged");
  }
  function review() {
    if (!view.length) return;
    var i = view[cur];
    push({ op: "review", row: i, value: !rows[i].reviewed });
    refresh(true);
  }

  // ------------------------------------------------------------------ wiring
  function buildToolbar() {
    var cols = $("cols");
    if (NL > 2) {
      L.forEach(function (lg, j) {
        var lab = document.createElement("label");
        lab.innerHTML = '<input type="checkbox" checked data-col="' + j + '"> ' + h(lg);
        cols.appendChild(lab);
      });
      cols.addEventListener("change", function (e) {
        var j = e.target.getAttribute("data-col");
        if (j === null) return;
        hidden[j] = !e.target.checked;
        $("colstyle").textContent = Object.keys(hidden).filter(function (k) { return hidden[k]; })
          .map(function (k) { return ".grid .l" + k; }).join(",") + (Object.keys(hidden).some(function (k) { return hidden[k]; }) ? "{display:none}" : "");
      });
    } else {
      cols.remove();
    }
    document.querySelectorAll("[data-filter]").forEach(function (b) {
      b.addEventListener("click", function () { setFilter(b.getAttribute("data-filter")); });
    });
    var acts = { next: function () { nextFlagged(1); }, prev: function () { nextFlagged(-1); }, edit: startEdit,
      save: saveEdit, merge: merge, split: split, review: review, undo: undo,
      pgup: function () { focusRow(cur - PAGE); }, pgdn: function () { focusRow(cur + PAGE); },
      tmx: function () { download(D.name + ".reviewed.tmx", toTMX(), "application/x-tmx+xml"); },
      tsv: function () { download(D.name + ".reviewed.tsv", toTSV(), "text/tab-separated-values"); },
      jsonl: function () { download(D.name + ".reviewed.jsonl", toJSONL(), "application/jsonl"); },
      corr: function () { download(D.name + ".corrections.json", corrections(), "application/json"); },
      help: function () { $("help").classList.toggle("on"); },
      reset: function () {
        if (!confirm("Discard all " + ops.length + " change(s) to this alignment?")) return;
        ops = []; rebuild(); save(); refresh(false); say("all changes discarded");
      } };
    document.querySelectorAll("[data-act]").forEach(function (b) {
      b.addEventListener("click", function () { acts[b.getAttribute("data-act")](); });
    });
    $("q").addEventListener("input", function (e) { query = e.target.value; cur = 0; refresh(false); });
    tbody.addEventListener("click", function (e) {
      var tr = e.target.closest("tr[data-i]");
      if (!tr || editing !== null) return;
      var k = view.indexOf(+tr.getAttribute("data-i"));
      if (k >= 0) focusRow(k, false);
    });
    tbody.addEventListener("dblclick", function (e) {
      if (editing === null && e.target.closest("tr[data-i]")) startEdit();
    });
    document.addEventListener("keydown", function (e) {
      var inText = e.target.tagName === "TEXTAREA" || e.target.tagName === "INPUT";
      if (editing !== null) {
        if (e.key === "Escape") { e.preventDefault(); cancelEdit(); }
        else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); saveEdit(); }
        else if (e.altKey && (e.key === "s" || e.key === "S" || e.code === "KeyS")) { e.preventDefault(); split(); }
        return;
      }
      if (inText || e.ctrlKey && e.key !== "z" || e.metaKey || e.altKey) return;
      var k = { ArrowDown: function () { focusRow(cur + 1); }, j: function () { focusRow(cur + 1); },
        ArrowUp: function () { focusRow(cur - 1); }, k: function () { focusRow(cur - 1); },
        PageDown: acts.pgdn, PageUp: acts.pgup, Home: function () { focusRow(0); },
        End: function () { focusRow(view.length - 1); }, Enter: startEdit, e: startEdit, m: merge, s: split,
        r: review, " ": review, u: undo, z: e.ctrlKey ? undo : null, n: acts.next, N: acts.prev, p: acts.prev,
        "/": function () { $("q").focus(); }, "?": acts.help,
        "1": function () { setFilter("all"); }, "2": function () { setFilter("flagged"); },
        "3": function () { setFilter("gaps"); }, "4": function () { setFilter("edited"); },
        "5": function () { setFilter("todo"); } }[e.key];
      if (k) { e.preventDefault(); k(); }
    });
    var hd = document.querySelector("header");
    var setH = function () { document.documentElement.style.setProperty("--hh", hd.offsetHeight + "px"); };
    window.addEventListener("resize", setH);
    setH();
  }

  // public hooks (tests, scripting): the same functions the buttons call
  window.unmarkReview = { data: D, ops: function () { return ops.slice(); }, rows: function () { return rows; },
    view: function () { return view.slice(); }, tmx: toTMX, tsv: toTSV, jsonl: toJSONL, corrections: corrections,
    setFilter: setFilter, focus: function (i) { var k = view.indexOf(i); if (k >= 0) focusRow(k); return k >= 0; },
    search: function (q) { query = q; $("q").value = q; cur = 0; refresh(false); },
    apply: function (op) { push(op); refresh(true); } };

  try {
    var saved = JSON.parse(localStorage.getItem(KEY) || "null");
    if (saved && Array.isArray(saved.ops)) ops = saved.ops;
  } catch (e) { /* no local storage on this file:// origin: nothing to restore */ }
  rebuild();
  buildToolbar();
  computeView();
  render();
  if (ops.length) say("restored " + ops.length + " change(s) saved in this browser");
  window.unmarkReview.readyAt = performance.now();
})();
