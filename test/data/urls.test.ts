import { expect } from '@open-wc/testing';
import { clickUrl, fillMacros, safeHttpUrl } from '../../src/data/urls.js';

describe('feed URLs', () => {
  it('accepts absolute http and https links, normalized', () => {
    expect(safeHttpUrl('https://track.example.com/c?o=1')).to.equal('https://track.example.com/c?o=1');
    expect(safeHttpUrl('  HTTP://Example.COM/a b ')).to.equal('http://example.com/a%20b');
  });

  it('refuses script, data and other schemes however they are disguised', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'ftp://example.com/file',
      'file:///etc/passwd',
    ]) {
      expect(safeHttpUrl(bad), bad).to.equal(null);
    }
  });

  it('refuses relative, protocol-relative, empty and non-string values', () => {
    for (const bad of ['/click?o=1', '//evil.example.com/x', 'example.com', '', 'https://', 42, null, undefined, {}]) {
      expect(safeHttpUrl(bad), String(bad)).to.equal(null);
    }
  });
});

describe('link macros', () => {
  it('puts URL-encoded values in place of {user_id} and {click_id}', () => {
    expect(fillMacros('https://t.example.com/?u={user_id}&c={click_id}', { user_id: 'a b&c=d', click_id: 'x/y' })).to.equal(
      'https://t.example.com/?u=a%20b%26c%3Dd&c=x%2Fy',
    );
  });

  it('also fills macros a URL parser has already percent-encoded', () => {
    expect(fillMacros('https://t.example.com/%7Buser_id%7D/go', { user_id: 'u1' })).to.equal('https://t.example.com/u1/go');
  });

  it('leaves unknown macros for the tracking server and writes a missing value as empty', () => {
    expect(fillMacros('https://t.example.com/?a={aff_sub}&u={user_id}', { user_id: null })).to.equal(
      'https://t.example.com/?a={aff_sub}&u=',
    );
  });

  it('opens the tracking link when there is one, the template otherwise, nothing when neither', () => {
    const macros = { user_id: 'u 1', click_id: 'c1', offer_id: 'bundle/1' };
    expect(clickUrl('https://t.example.com/?u={user_id}', 'https://pub.example.com/{offer_id}', macros, 'https://page.example/')).to.equal(
      'https://t.example.com/?u=u%201',
    );
    expect(clickUrl(null, '/go/{offer_id}?u={user_id}', macros, 'https://page.example/wall/')).to.equal(
      'https://page.example/go/bundle%2F1?u=u%201',
    );
    expect(clickUrl(null, null, macros, 'https://page.example/')).to.equal(null);
    expect(clickUrl(null, 'javascript:alert({offer_id})', macros, 'https://page.example/')).to.equal(null);
  });
});
