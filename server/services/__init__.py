"""Use cases of the server. Each public function opens and commits its own transaction
(``Database.write()``/``read()``), inside the endpoint, before the response is sent."""
