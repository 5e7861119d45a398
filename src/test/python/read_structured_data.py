"""Reads an HTML page with extruct (Debian's python3-extruct, an independent structured-data parser) and prints the
schema.org items it finds in the page's microdata and JSON-LD, as JSON."""
import json
import sys

import extruct

with open(sys.argv[1], encoding="utf-8") as f:
    html = f.read()
data = extruct.extract(html, base_url=sys.argv[2] if len(sys.argv) > 2 else None,
                       syntaxes=["microdata", "json-ld"], uniform=True)
print(json.dumps(data["microdata"] + data["json-ld"]))
