"""Analysis reports: text (terminal), html (standalone, printable), csv/xlsx/jsonl (batch)."""
