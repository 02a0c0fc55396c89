import { Box, Text, useInput } from 'ink';
import { useEffect, useRef, useState } from 'react';
import type { OpenedDrill } from '../../drill/drill-engine.js';
import type { QueuedCard } from '../../drill/drill-session.js';
import { useDeps } from '../deps-context.js';
import type { ScreenProps } from './screen.js';

const GRADE_KEYS = ['1', '2', '3', '4'] as const;
const GRADE_NAMES = ['Again', 'Hard', 'Good', 'Easy'] as const;

/** An error as one line for the screen (a store error's message can carry SQL on later lines). */
function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0]!;
}

/**
 * Today's flashcards: the front, space or Enter reveals, 1–4 grades (committed at once), u undoes. A grade or
 * an undo the store refuses is an error line that stays until an action succeeds; the card stays, so the
 * learner can grade again or leave (Esc), and the grades already given stay saved.
 */
export function DrillScreen({ today }: ScreenProps) {
  const deps = useDeps();
  const [drill, setDrill] = useState<OpenedDrill | null>(null);
  const [card, setCardState] = useState<QueuedCard | null>(null);
  const [revealed, setRevealedState] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const [reviewed, setReviewed] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // Ink re-subscribes the key handler after each render, so a key typed in between reaches the previous
  // handler: what a key acts on is read from here, never from a past render (two quick 3s grade one card once).
  const live = useRef<{ card: QueuedCard | null; revealed: boolean; busy: boolean }>({ card: null, revealed: false, busy: false });
  const setCard = (c: QueuedCard | null): void => {
    live.current.card = c;
    setCardState(c);
  };
  const setRevealed = (r: boolean): void => {
    live.current.revealed = r;
    setRevealedState(r);
  };
  const setBusy = (b: boolean): void => {
    live.current.busy = b;
  };

  const showNext = (d: OpenedDrill): void => {
    setCard(d.session.next(deps.clock.now().getTime(), d.endOfDayMs));
    setRevealed(false);
  };

  useEffect(() => {
    let live = true;
    void import('../../drill/drill-engine.js')
      .then((m) => m.openDrill(deps, today.date))
      .then((d) => {
        if (!live) return;
        setDrill(d);
        showNext(d);
      })
      .catch((e: Error) => setNote(e.message));
    return () => {
      live = false;
    };
  }, [deps, today.date]);

  useInput((input, key) => {
    const { card, revealed, busy } = live.current;
    if (!drill || busy) return;
    if (input === 'u') {
      setBusy(true);
      void drill.session
        .undo()
        .then((id) => {
          setError(null);
          setNote(id ? `Undid the grade of ${id}.` : 'Nothing to undo.');
          if (id) setReviewed((n) => Math.max(0, n - 1));
          showNext(drill);
        })
        .catch((e: unknown) => setError(`Undo failed: ${oneLine(e)}. u tries again, Esc leaves.`))
        .finally(() => setBusy(false));
      return;
    }
    if (!card) return;
    if (!revealed && (input === ' ' || key.return)) return setRevealed(true);
    const g = GRADE_KEYS.indexOf(input as (typeof GRADE_KEYS)[number]);
    if (revealed && g >= 0) {
      setBusy(true);
      void import('../../drill/scheduler.js')
        .then(async ({ formatInterval }) => {
          const now = deps.clock.now().getTime();
          const r = await drill.session.grade(card.card.id, (g + 1) as 1 | 2 | 3 | 4, now);
          setError(null);
          let said = `${GRADE_NAMES[g]} → again in ${formatInterval(r.due - now)}`;
          const { kataForCard, LAPSES_BEFORE_KATA } = await import('../../drill/suggest-kata.js');
          const kata = g === 0 && r.lapses >= LAPSES_BEFORE_KATA ? kataForCard(deps.paths.packageRoot, card.card) : null;
          if (kata) said += ` · lapsed ${r.lapses} times: the kata ${kata.id} (${kata.title}) trains it`;
          setNote(said);
          setReviewed((n) => n + 1);
          showNext(drill);
        })
        // The card stays revealed: the same keys grade it again once the store takes writes.
        .catch((e: unknown) => setError(`Grade not saved: ${oneLine(e)}. 1–4 tries again, Esc leaves; earlier grades are kept.`))
        .finally(() => setBusy(false));
    }
  });

  if (!drill) return <Text dimColor>{note ?? 'Loading the cards…'}</Text>;
  const c = drill.session.counts(deps.clock.now().getTime(), drill.endOfDayMs);
  return (
    <Box flexDirection="column" gap={1}>
      <Text dimColor>
        new {c.new} · learning {c.learning} · review {c.review} · {reviewed} reviewed in this drill
      </Text>
      {card ? (
        <Box flexDirection="column">
          <Text dimColor>
            {card.card.id} · {card.kind}
          </Text>
          <Text>
            <Text bold>Q:</Text> {card.card.front}
          </Text>
          {revealed ? (
            <>
              <Text>
                <Text bold>A:</Text> {card.card.back}
              </Text>
              <Text>
                {GRADE_KEYS.map((k, i) => `${k} ${GRADE_NAMES[i]}`).join(' · ')} · u undo
              </Text>
            </>
          ) : (
            <Text dimColor>space or Enter shows the answer · u undoes the last grade</Text>
          )}
        </Box>
      ) : (
        <Text color="green">Nothing due: today's cards are done.</Text>
      )}
      {note && !error && <Text color="cyan">{note}</Text>}
      {error && <Text color="red">{error}</Text>}
    </Box>
  );
}
