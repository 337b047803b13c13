"""Ruang pemeriksaan: the supervisor's review workspace (UI.md §3.8).

``SupervisorMode`` (sign-in → workspace inside the main window), ``SignInDialog``,
``ReviewWorkspace`` and its parts. Server calls go through ``sync.review_client`` on the network
lane (``ReviewSession``); nothing here touches the agent's local store.
"""
