"""Who is working at the counter, seen from the window: start-up checks and recovery,
sign-in, the idle lock, role-aware actions, the users dialog and the audit view.

Every rule lives in :mod:`app.services.auth` and the services it guards; this package only
asks, shows and disables."""
