/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Tauri serves ui/dist in release and http://localhost:5173 in development.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: { target: "safari16", outDir: "dist", chunkSizeWarningLimit: 3000 },
  test: { environment: "node", include: ["src/**/*.test.ts"] },
});
