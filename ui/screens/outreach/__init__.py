"""*Kegiatan* (UI.md §3.9): outreach events and follow-ups."""
