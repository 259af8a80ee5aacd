"""``--align zh,en``: group the language versions of each document, align each group, and build
one merged glossary per language pair.

Grouping: two files belong to the same document when they share the document symbol parsed from
their text (``metadata.symbol``) *or* the same file-name key (``A_80_590_ZH.pdf`` and
``A_80_590_EN.pdf`` -> ``A_80_590``; ``foo.zh.pdf`` and ``foo.en.pdf`` -> ``foo``), transitively
(union-find), so one version whose symbol was not found still joins its siblings by name.

Outputs (under ``OUT_DIR/_align/``): ``<group>/<group>.<a>-<b>.tmx`` and ``.tsv`` per group and
pair, ``glossary.<a>-<b>.tbx`` and ``.csv`` merged over all groups, and ``groups.json`` listing
each group, its files and what was written or why not. All written atomically.
"""
from __future__ import annotations

import contextlib
import json
import logging
from pathlib import Path, PurePosixPath

import regex as re

from ..align import align
from ..errors import UnmarkError
from ..io.atomic import write_via
from ..io.sheets import write_tsv
from ..io.tmx import write_tmx
from ..terms import extract_terms
from .options import BatchOptions
from .paths import ALIGN_DIR, INPUT_SUFFIXES, InputFile, sanitize_component
from .guard import safe_dest

log = logging.getLogger(__name__)

LANGS = ("ar", "zh", "en", "fr", "es", "ru")
_NAME_LANG = re.compile(r"^(?P<key>.+?)[._\-\s](?P<lang>ar|zh|en|fr|es|ru|ch|sp)$", re.I)
_ALIAS = {"ch": "zh", "sp": "es"}


# --------------------------------------------------------------------------- grouping
def name_key(rel: str) -> tuple[str | None, str | None]:
    """File-name grouping key and language: ``A_80_590_ZH.pdf`` -> ('A_80_590', 'zh')."""
    name = PurePosixPath(rel).name
    low = name.lower()
    for suf in INPUT_SUFFIXES:
        if low.endswith(suf):
            name = name[: -len(suf)]
            break
    m = _NAME_LANG.match(name)
    if not m:
        return None, None
    lang = m.group("lang").lower()
    parent = str(PurePosixPath(rel).parent)
    key = m.group("key").upper()
    return (f"{parent}/{key}" if parent != "." else key), _ALIAS.get(lang, lang)


def symbol_key(symbol: str | None) -> str | None:
    if not symbol:
        return None
    s = re.sub(r"\s+", "", symbol).upper()
    return s or None


class _UF:
    def __init__(self) -> None:
        self.p: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.p.setdefault(x, x)
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def group_documents(records: dict[str, dict]) -> list[dict]:
    """[{'key': ..., 'files': {lang: rel}, 'extra': [rel...]}] for every ``ok`` record, deterministic."""
    uf = _UF()
    lang_of: dict[str, str | None] = {}
    sym_of: dict[str, str | None] = {}
    for rel, rec in sorted(records.items()):
        if rec.get("status") != "ok" and rec.get("previous") != "ok":
            continue
        nkey, nlang = name_key(rel)
        skey = symbol_key(rec.get("symbol"))
        lang_of[rel] = nlang or rec.get("language")  # a language tag in the name is authoritative
        sym_of[rel] = skey
        node = "f:" + rel
        uf.find(node)
        if skey:
            uf.union(node, "s:" + skey)
        if nkey:
            uf.union(node, "n:" + nkey)
    members: dict[str, list[str]] = {}
    for rel in lang_of:
        members.setdefault(uf.find("f:" + rel), []).append(rel)
    groups = []
    for rels in members.values():
        rels.sort()
        files: dict[str, str] = {}
        extra: list[str] = []
        for rel in rels:
            lg = lang_of[rel]
            if lg and lg not in files:
                files[lg] = rel
            else:
                extra.append(rel)
        syms = sorted({sym_of[r] for r in rels if sym_of[r]})
        key = syms[0] if syms else (name_key(rels[0])[0] or PurePosixPath(rels[0]).stem)
        groups.append({"key": key, "symbols": syms, "files": files, "extra": extra})
    groups.sort(key=lambda g: g["key"])
    return groups


def group_dirname(key: str) -> str:
    return sanitize_component(key.replace("/", "_"))


def _load_document(rel: str, rec: dict, files: dict[str, InputFile], out_dir: Path, opts: BatchOptions):
    """The document the batch wrote (its JSON output), else the input read again, both through
    the one loader the worker and the commands use."""
    from ..loader import load_document, read_document_json

    for o in rec.get("outputs", []):
        if o.endswith(".json") and (out_dir / o).is_file():
            return read_document_json(out_dir / o)
    return load_document(files[rel].path, opts.parse_options())


# --------------------------------------------------------------------------- the step
def align_outputs(records: dict[str, dict], inputs: list[InputFile], out_dir: Path, opts: BatchOptions) -> dict:
    langs = opts.align
    pivot, others = langs[0], langs[1:]
    adir = out_dir / ALIGN_DIR
    groups = group_documents(records)
    by_rel = {f.rel: f for f in inputs}
    report: dict = {"groups": len(groups), "aligned": 0, "glossaries": [], "problems": [], "langs": list(langs)}
    pairs_by_lang: dict[str, list] = {o: [] for o in others}
    listing = []
    used_dirs: dict[str, str] = {}
    for g in groups:
        entry = {"key": g["key"], "files": g["files"], "extra": g["extra"], "outputs": [], "status": "ok", "code": None, "message": None}
        listing.append(entry)
        missing = [lg for lg in langs if lg not in g["files"]]
        if missing:
            entry.update(status="skipped", code="E541", message=f"no {', '.join(missing)} version")
            report["problems"].append(f"E541 {g['key']}: {entry['message']}")
            continue
        dname = group_dirname(g["key"])
        if used_dirs.get(dname.casefold(), g["key"]) != g["key"]:
            import hashlib

            dname = f"{dname}~{hashlib.sha1(g['key'].encode()).hexdigest()[:8]}"
        used_dirs[dname.casefold()] = g["key"]
        try:
            docs = {lg: _load_document(g["files"][lg], records[g["files"][lg]], by_rel, out_dir, opts) for lg in langs}
            for other in others:
                al = align(docs[pivot], docs[other], level=opts.align_level)
                for fmt, write in (("tmx", write_tmx), ("tsv", write_tsv)):
                    rel = f"{ALIGN_DIR}/{dname}/{dname}.{pivot}-{other}.{fmt}"
                    kw = {"csv_safe": opts.csv_safe} if fmt == "tsv" else {}
                    write_via(safe_dest(out_dir, rel), lambda path, al=al, write=write, kw=kw: write(al, path, **kw))
                    entry["outputs"].append(rel)
                with contextlib.suppress(Exception):
                    pairs_by_lang[other].extend(al.pairs(pivot, other))
            report["aligned"] += 1
        except UnmarkError as exc:
            entry.update(status="error", code=exc.code, message=exc.message)
        except Exception as exc:  # noqa: BLE001 - one bad group must not stop the others
            log.debug("alignment of %s failed", g["key"], exc_info=True)
            entry.update(status="error", code="E542", message=f"{type(exc).__name__}: {str(exc)[:200]}")
        if entry["status"] != "ok":
            report["problems"].append(f"{entry['code']} {g['key']}: {entry['message']}")
    # merged glossaries
    for other, pairs in pairs_by_lang.items():
        if not pairs:
            continue
        try:
            gl = extract_terms(pairs, src_lang=pivot, tgt_lang=other)
            for fmt, write in (("tbx", gl.to_tbx), ("csv", lambda path, gl=gl: gl.to_csv(path, csv_safe=opts.csv_safe))):
                rel = f"{ALIGN_DIR}/glossary.{pivot}-{other}.{fmt}"
                write_via(safe_dest(out_dir, rel), write)
                report["glossaries"].append(rel)
        except UnmarkError as exc:
            report["problems"].append(f"{exc.code} glossary {pivot}-{other}: {exc.message}")
        except Exception as exc:  # noqa: BLE001
            report["problems"].append(f"E544 glossary {pivot}-{other}: {type(exc).__name__}: {str(exc)[:200]}")
    from ..io.atomic import write_text

    try:
        write_text(safe_dest(out_dir, f"{ALIGN_DIR}/groups.json"),
                   json.dumps({"langs": list(langs), "groups": listing}, ensure_ascii=False, indent=1) + "\n")
    except UnmarkError as exc:  # e.g. E704: OUT/_align is a planted link
        report["problems"].append(f"{exc.code} {ALIGN_DIR}/groups.json: {exc.message}")
    return report
