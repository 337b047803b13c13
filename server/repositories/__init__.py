"""Queries of the server database. Functions take the Session first, keyword-only arguments
after, and never commit: the calling service owns the transaction."""
