//! verbatim-web: the HTTP JSON API and the server-rendered web UI over a verbatim store.
