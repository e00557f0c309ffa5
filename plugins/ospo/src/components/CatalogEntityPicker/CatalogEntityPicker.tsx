import { useEffect, useMemo, useState } from 'react';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';

const useStyles = makeStyles(theme => ({
  option: {
    display: 'flex',
    flexDirection: 'column',
    minWidth: 0,
  },
  ref: {
    color: theme.palette.text.secondary,
    overflowWrap: 'anywhere',
  },
}));

/** One entity to pick: its ref and how people know it. */
interface EntityOption {
  ref: string;
  title: string;
}

/** The most entities to offer at once; typing narrows them down. */
const OPTION_LIMIT = 20;

/** How long typing pauses before the catalog is asked. */
const DEBOUNCE_MS = 250;

function entityTitle(entity: Entity): string {
  const profile = (entity.spec?.profile ?? {}) as { displayName?: string };
  return (
    entity.metadata.title ?? profile.displayName ?? entity.metadata.name ?? ''
  );
}

/** The name in a ref, e.g. `lee` for `user:default/lee`. */
function refName(ref: string): string {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
}

/**
 * Props of the {@link CatalogEntityPicker}.
 */
export interface CatalogEntityPickerProps {
  label: string;
  /** The entity kinds to offer, e.g. `['User']`. */
  kinds: string[];
  /** The picked entity's ref, or empty. */
  value: string;
  /** With the picked entity's ref, or empty when cleared. */
  onChange: (ref: string) => void;
  /** What to call the entities when none match, e.g. "users". */
  noun: string;
  className?: string;
}

/**
 * An autocomplete over the catalog's entities of some kinds, searched by
 * name, title and display name on the server. The picked entity shows by
 * its title, with its ref below each option.
 */
export function CatalogEntityPicker(props: CatalogEntityPickerProps) {
  const { label, kinds, value, onChange, noun, className } = props;
  const catalogApi = useApi(catalogApiRef);
  const classes = useStyles();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  useDebounce(() => setTerm(input.trim()), DEBOUNCE_MS, [input]);

  // The option picked here brings its title; a ref from elsewhere (the
  // page's URL) is looked up once.
  const [picked, setPicked] = useState<EntityOption>();
  const known = picked && picked.ref === value ? picked : undefined;
  const lookedUp = useAsync(async () => {
    if (!value || known) {
      return undefined;
    }
    const entity = await catalogApi.getEntityByRef(value);
    return entity ? entityTitle(entity) : undefined;
  }, [catalogApi, value, known]);
  const selected = useMemo((): EntityOption | null => {
    if (!value) {
      return null;
    }
    return (
      known ?? {
        ref: value,
        // Until the catalog answers, or when it does not know the entity.
        title: lookedUp.value ?? refName(value),
      }
    );
  }, [value, known, lookedUp.value]);

  // Typing the picked entity's title is no search for it.
  const searchTerm = selected && term === selected.title ? '' : term;
  const kindKey = kinds.join(',');
  const options = useAsync(async (): Promise<EntityOption[]> => {
    if (!open) {
      return [];
    }
    const response = await catalogApi.queryEntities({
      filter: { kind: kinds },
      fullTextFilter: searchTerm
        ? {
            term: searchTerm,
            fields: [
              'metadata.name',
              'metadata.title',
              'spec.profile.displayName',
            ],
          }
        : undefined,
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
      limit: OPTION_LIMIT,
    });
    return response.items.map(entity => ({
      ref: stringifyEntityRef(entity),
      title: entityTitle(entity),
    }));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [catalogApi, open, searchTerm, kindKey]);

  // The input shows the picked entity by its title, once that is known.
  useEffect(() => {
    setInput(selected?.title ?? '');
  }, [selected?.title]);

  return (
    <Autocomplete<EntityOption>
      className={className}
      open={open}
      onOpen={() => setOpen(true)}
      onClose={() => setOpen(false)}
      value={selected}
      inputValue={input}
      onInputChange={(_event, text) => setInput(text)}
      onChange={(_event, option) => {
        setPicked(option ?? undefined);
        onChange(option?.ref ?? '');
      }}
      options={options.value ?? []}
      // The catalog filtered them already.
      filterOptions={all => all}
      getOptionLabel={option => option.title}
      getOptionSelected={(option, current) => option.ref === current.ref}
      loading={options.loading}
      noOptionsText={
        options.error
          ? `Could not search the catalog: ${options.error.message}`
          : `No ${noun} match`
      }
      renderOption={option => (
        <span className={classes.option}>
          <span>{option.title}</span>
          <Typography variant="caption" className={classes.ref}>
            {option.ref}
          </Typography>
        </span>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          variant="outlined"
          size="small"
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {options.loading && open && (
                  <CircularProgress color="inherit" size={16} />
                )}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
}
