// Vite's module types (`?url` imports, CSS side-effect imports) for the web app only.
/// <reference types="vite/client" />
