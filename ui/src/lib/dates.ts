// Dates as the model writes them (ISO yyyy-mm-dd), in the user's local time zone.

export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** "3 h 20 min", "2.5 d" for minutes of work; working days of 8 hours. */
export function formatMinutes(m: number): string {
  if (m < 60) return `${m} min`;
  if (m < 480) {
    const h = Math.floor(m / 60);
    const r = m % 60;
    return r ? `${h} h ${r} min` : `${h} h`;
  }
  return `${+(m / 480).toFixed(1)} d`;
}
