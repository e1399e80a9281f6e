"""HTML views: parse input, call a service or selector, render a page or an htmx fragment."""
