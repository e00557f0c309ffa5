import { useEffect, useId, useState } from 'react';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import ClearIcon from '@material-ui/icons/Clear';
import SearchIcon from '@material-ui/icons/Search';
import useDebounce from 'react-use/esm/useDebounce';
import { MAX_SEARCH_LENGTH, MIN_SEARCH_LENGTH } from './queueFilters';

/** How long typing pauses before the queue is searched. */
export const SEARCH_DEBOUNCE_MS = 400;

/** The search as the queue applies it: at least two characters, or none. */
function applied(text: string): string {
  const trimmed = text.trim();
  return trimmed.length >= MIN_SEARCH_LENGTH ? trimmed : '';
}

/**
 * The search box of the queue: words every request shown must contain, in
 * its summary or details. It searches once typing pauses; a single
 * character is too little to search for, and it says so.
 */
export function QueueSearchField(props: {
  value: string;
  onChange: (q: string) => void;
  className?: string;
}) {
  const { value, onChange, className } = props;
  const id = useId();
  const [text, setText] = useState(value);

  useDebounce(
    () => {
      const next = applied(text);
      if (next !== value) {
        onChange(next);
      }
    },
    SEARCH_DEBOUNCE_MS,
    [text],
  );

  // Follow changes from elsewhere, such as "Reset filters" or Back.
  useEffect(() => {
    setText(current => (applied(current) === value ? current : value));
  }, [value]);

  const tooShort = text.trim().length > 0 && !applied(text);

  return (
    <TextField
      id={`${id}-search`}
      className={className}
      label="Search"
      placeholder="Summary or details"
      variant="outlined"
      size="small"
      value={text}
      onChange={e => setText(e.target.value)}
      inputProps={{ maxLength: MAX_SEARCH_LENGTH }}
      helperText={
        tooShort
          ? `Type at least ${MIN_SEARCH_LENGTH} characters to search`
          : undefined
      }
      InputProps={{
        startAdornment: (
          <InputAdornment position="start">
            <SearchIcon fontSize="small" color="action" />
          </InputAdornment>
        ),
        endAdornment: text ? (
          <InputAdornment position="end">
            <IconButton
              size="small"
              aria-label="Clear search"
              onClick={() => {
                setText('');
                onChange('');
              }}
            >
              <ClearIcon fontSize="small" />
            </IconButton>
          </InputAdornment>
        ) : undefined,
      }}
    />
  );
}
