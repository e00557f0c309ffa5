export { AnswerHistoryList } from './AnswerHistoryList';
