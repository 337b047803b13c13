"""*Dasbor* (UI.md §3.10): coverage counts, charts and the PDF export."""
