"""The public site: engine-free pages and the MkDocs adapter."""
