import { createContext, useContext } from 'react';
import type { Deps } from '../deps.js';

export const DepsContext = createContext<Deps | null>(null);

export function useDeps(): Deps {
  const deps = useContext(DepsContext);
  if (!deps) throw new Error('useDeps() outside <DepsContext.Provider>');
  return deps;
}
