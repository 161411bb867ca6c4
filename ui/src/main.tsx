import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import "@xyflow/react/dist/style.css";
import "./styles.css";
import { App } from "./app/App";
import { watchWindowClose } from "./lib/closing";
import { watchLaunches } from "./lib/launches";

watchWindowClose();
watchLaunches();

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
