//! Server-side SVG charts for the statistics page.
