"""Qt item models over plain rows from the store (never ORM objects); see STYLE.md §4."""
