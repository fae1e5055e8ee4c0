"""Owners of tables: the SQL that writes a table, and what the engine reads of it, in one
module per table (keyword-only functions, typed rows). Part of the kernel: it imports only
the database and the audit log."""
