"""Web pages: HTML over the same functions the API calls; plain JS and CSS, no build step."""
