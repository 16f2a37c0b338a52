import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
// Global styles first: the feature stylesheets the pages import must come after them.
import "./styles.css";
import { App } from "./app/App";

const root = document.getElementById("root");
if (!root) throw new Error("index.html has no #root element");
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
