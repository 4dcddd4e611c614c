"""The PostgreSQL store: its schema migrations and server functions (sql/)."""
