"""Interview-prep catalog, public site and personalized reports."""
