import { useCallback, useEffect, useState } from 'react';
import { getToday, type Today } from '../coach/today.js';
import type { LocalDate } from '../core/local-date.js';
import { useDeps } from './deps-context.js';

/** Today's session from the store, refreshed every `everyMs` (the timer ticks from the stored start time). */
export function useToday(date: LocalDate, everyMs = 1000): { today: Today | null; error: Error | null; refresh: () => Promise<void> } {
  const deps = useDeps();
  const [today, setToday] = useState<Today | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const refresh = useCallback(async () => {
    try {
      setToday(await getToday(deps, date));
      setError(null);
    } catch (e) {
      setError(e as Error);
    }
  }, [deps, date]);
  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), everyMs);
    return () => clearInterval(timer);
  }, [refresh, everyMs]);
  return { today, error, refresh };
}
