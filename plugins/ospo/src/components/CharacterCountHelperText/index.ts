export { CharacterCountHelperText } from './CharacterCountHelperText';
