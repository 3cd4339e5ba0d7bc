// Browser entry: one API client for the page, the app mounted into #root.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App, UNAUTHORIZED_EVENT } from "./App.tsx";
import { ApiClient } from "./api/client.ts";
import "./styles.css";

const api = new ApiClient({
  onUnauthorized: () => window.dispatchEvent(new Event(UNAUTHORIZED_EVENT)),
});

const root = document.getElementById("root");
if (root === null) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App api={api} />
  </StrictMode>,
);
