"""Staff review of an analysis before delivery (`prep review`); the report core never imports it."""
