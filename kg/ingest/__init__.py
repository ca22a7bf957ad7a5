"""Document readers: files, folders and JSON Lines into `Document` records, one module per format.

Formats are recognised by content, not by extension, because news dumps are often mislabelled (a `.txt` holding YAML
front matter and an HTML body): `decode` sniffs and decodes bytes, `metadata` reads front matter, `html_text` and
`markdown_text` reduce a body to text, `parse` makes one document of them, `jsonl` reads JSON Lines, and `files`
walks inputs and folders. The cleaned text (`text`) is what every later stage computes offsets on.
"""

from kg.ingest.decode import decode_bytes
from kg.ingest.errors import IngestError
from kg.ingest.files import read_documents, read_file
from kg.ingest.jsonl import RecordFields
from kg.ingest.metadata import normalize_date
from kg.ingest.parse import parse_text
from kg.ingest.text import clean_text

__all__ = [
    "IngestError",
    "RecordFields",
    "clean_text",
    "decode_bytes",
    "normalize_date",
    "parse_text",
    "read_documents",
    "read_file",
]
