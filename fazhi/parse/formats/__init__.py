"""One module per input format; each turns bytes (or decoded markup) into text."""
