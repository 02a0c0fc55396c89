import { DrillScreen } from './DrillScreen.js';
import { HelpScreen } from './HelpScreen.js';
import { HomeScreen } from './HomeScreen.js';
import { KataScreen } from './KataScreen.js';
import type { ScreenDef } from './screen.js';
import { SessionScreen } from './SessionScreen.js';

/**
 * The screens of the app, in tab order. A later screen (kata, drill, run, report) is added here with its
 * key; the shell lists and routes whatever is registered, and nothing unbuilt is listed.
 */
export const SCREENS: readonly ScreenDef[] = [
  { id: 'home', title: 'Home', key: '1', component: HomeScreen },
  { id: 'session', title: 'Session', key: '2', component: SessionScreen },
  { id: 'drill', title: 'Drill', key: '3', component: DrillScreen, ownsKeys: [' ', 'return', '1', '2', '3', '4', 'u'] },
  { id: 'kata', title: 'Katas', key: '4', component: KataScreen, ownsKeys: ['return', 'h'] },
  { id: 'help', title: 'Help', key: '?', component: HelpScreen },
];
