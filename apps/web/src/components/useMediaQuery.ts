import { useEffect, useState } from 'react';

/** Below GOV.UK's tablet breakpoint (641 px): a phone. */
export const PHONE = '(max-width: 40.0525em)';

/** Whether a media query matches, following the window as it is resized. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof window !== 'undefined' && window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const change = () => setMatches(list.matches);
    change();
    list.addEventListener('change', change);
    return () => list.removeEventListener('change', change);
  }, [query]);
  return matches;
}

/** True on a phone-sized window. */
export const useNarrow = () => useMediaQuery(PHONE);
