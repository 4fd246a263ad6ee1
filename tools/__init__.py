"""Development tools of the project (benchmark, local server); not part of the installed package."""
