import type { CategoryLexicon } from './types.ts';

/** Install, update and uninstall of the apps and browser extensions; compatibility; downloads. */
export const INSTALLATION: CategoryLexicon = {
  category: 'installation',
  threshold: 2,
  strong: [
    'install*', 'uninstall*', 'reinstall*', 'setup wizard', 'installer', 'app store', 'play store', 'google play',
    'web store', 'chrome store', 'addons store|page', 'addon store', 'microsoft store', 'apk', 'dmg', 'msi', 'deb', 'rpm',
    'flatpak', 'snap', 'winget', 'homebrew', 'brew', 'chocolatey', 'compatib*', 'incompatib*', 'not supported', 'unsupported',
    'support* .. windows|mac|macos|linux|ios|android|ubuntu|arm|chromebook|chrome|firefox|safari|edge|opera|brave',
    'not available', 'requires .. ios|android|macos|windows|version', 'wont open|launch|start|load',
    'doesnt open|launch|start', 'not opening|launching|starting', 'cant be opened', 'crash* on start|startup|launch',
    'white|blank screen', 'splash screen', 'damaged', 'developer .. verified', 'unidentified developer', 'error code',
    'group policy', 'intune', 'deploy*', 'admin rights', 'portable', '# bit', 'apple silicon', 'missing file', 'dll',
    'shared libraries', 'dependency', 'update button', 'auto update', 'autoupdate', 'latest version', 'older version',
    'new version', 'outdated', 'extension* .. disappear*|gone|missing|removed|disabled|corrupt*|vanished',
    'download link|page|error|fails|failed', 'download* .. app|extension|installer|version', 'cant download',
    'unable to download', 'extension .. not|wont working|load|work', 'desktop app .. update',
    'version* .. match', 'update .. fails|failed|stuck|broke', 'wont update', 'not updating .. app|extension',
  ],
  medium: [
    'extension*', 'addon*', 'plugin*', 'browser', 'download*', 'update*', 'version', 'chrome', 'firefox', 'safari', 'edge',
    'brave', 'opera', 'vivaldi', 'arc', 'chromebook', 'ubuntu', 'fedora', 'debian', 'linux', 'macos', 'big sur', 'monterey',
    'ventura', 'sonoma', 'sequoia', 'huawei', 'toolbar', 'launch*', 'windows #|7|8|10|11', 'ios #', 'android #', 'mac app',
    'setup', 'icon', 'available for|on', 'arm', 'intel', 'm1|m2|m3',
  ],
  weak: ['mac', 'windows', 'ios', 'android', 'iphone', 'ipad', 'app', 'desktop', 'open', 'error'],
  priority: {},
};
