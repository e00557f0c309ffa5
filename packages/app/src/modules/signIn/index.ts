export { personaSignInModule } from './personaSignInModule';
