export { systemDiagramModule } from './systemDiagramModule';
