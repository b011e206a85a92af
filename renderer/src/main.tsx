import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { startAppBridge } from './store/bridge';
import { applyLanguage, firstLanguageActive, startHint } from './i18n/i18n';
import './styles.css';

void startAppBridge();
// The first paint is in the language chosen last time (or the system's); the saved preference follows as soon as main answers.
// (If the preference arrives first and names another language, that one is the first shown: renders wait for whichever is active first.)
void applyLanguage(startHint());
void firstLanguageActive.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
