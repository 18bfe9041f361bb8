/** alphagov/accessible-autocomplete ships no types: the options Concord uses. */
declare module 'accessible-autocomplete' {
  export interface AutocompleteOptions<T> {
    element: HTMLElement;
    id: string;
    name?: string;
    source: (query: string, populateResults: (results: T[]) => void) => void;
    onConfirm?: (confirmed: T | undefined) => void;
    defaultValue?: string;
    minLength?: number;
    showNoOptionsFound?: boolean;
    displayMenu?: 'inline' | 'overlay';
    confirmOnBlur?: boolean;
    templates?: { inputValue?: (option: T | undefined) => string; suggestion?: (option: T | string) => string };
    tNoResults?: () => string;
    tStatusQueryTooShort?: (minQueryLength: number) => string;
    tStatusNoResults?: () => string;
    tStatusResults?: (length: number, contentSelectedOption: string) => string;
    tAssistiveHint?: () => string;
    inputClasses?: string;
    menuClasses?: string;
  }
  export default function accessibleAutocomplete<T>(options: AutocompleteOptions<T>): void;
}
