import { ReactNode, useId } from 'react';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';

/** One choice of a {@link LabelledSelect}. */
export interface SelectOption {
  value: string;
  label: ReactNode;
  /** Indentation level, e.g. a department's depth in the hierarchy. */
  depth?: number;
}

/**
 * Props of the {@link LabelledSelect}.
 */
export interface LabelledSelectProps {
  label: string;
  value: string;
  options: SelectOption[];
  onChange: (value: string) => void;
  className?: string;
}

/**
 * An outlined, small select whose visible control is named by its label.
 * Built from parts rather than a select TextField: that would tie the label
 * to the hidden input, and the visible control needs it for its accessible
 * name.
 */
export function LabelledSelect(props: LabelledSelectProps) {
  const { label, value, options, onChange, className } = props;
  const id = useId();
  return (
    <FormControl variant="outlined" size="small" className={className}>
      <InputLabel id={`${id}-label`}>{label}</InputLabel>
      <Select
        labelId={`${id}-label`}
        label={label}
        value={value}
        onChange={e => onChange(e.target.value as string)}
        SelectDisplayProps={{ id: `${id}-select` }}
        MenuProps={{ PaperProps: { style: { maxHeight: 400 } } }}
      >
        {options.map(option => (
          <MenuItem
            key={option.value}
            value={option.value}
            style={
              option.depth ? { paddingLeft: 16 + option.depth * 16 } : undefined
            }
          >
            {option.label}
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
}
