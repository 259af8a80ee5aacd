"""Rule files several layers ask, compiled once: the furniture grammar (headers, footers, job
numbers ...), the masthead fields, the direction controls. They sit beside the label grammar
(``unmark.labels``) in the resources layer, below the PDF layout, the cleaners and the
segmenters, which all import them and none of which they import."""
