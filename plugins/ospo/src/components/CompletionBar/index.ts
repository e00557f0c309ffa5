export { CompletionBar } from './CompletionBar';
