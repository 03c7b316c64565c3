import { render } from 'preact';
import { Library } from '../../components/library/library-page';
import { openDb } from '../../lib/db/schema';
import { dexieConnector } from './dexie-connector';
import '../../components/shared/base.css';
import '../../components/library/library.css';

performance.mark?.('gist:script');
render(<Library connector={dexieConnector(openDb())} />, document.getElementById('app')!);
