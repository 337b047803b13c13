"""HTTP endpoints: thin functions that parse, call one service and shape the response."""
