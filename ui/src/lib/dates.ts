// Dates as the model writes them (ISO yyyy-mm-dd), in the user's local time zone.

export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/**
 * Elapsed minutes the way the engine writes them (handoff_core::metrics::format_minutes),
 * so the metrics strip, the compare view, the CLI and the PDFs all agree: "45 min",
 * "3 h 20 min", "2 d 4 h". A day is 24 hours, because waiting runs overnight.
 */
export function formatMinutes(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d === 0 && h === 0) return `${m} min`;
  if (d === 0) return m ? `${h} h ${m} min` : `${h} h`;
  return h ? `${d} d ${h} h` : `${d} d`;
}
