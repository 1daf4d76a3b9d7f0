package com.acme;

import java.io.InputStream;

/**
 * A stream whose methods that move its position are all synchronized, mark and reset included
 * (their modifier also copies the JDK's): one monitor keeps them apart.
 */
public class SynchronizedStream extends InputStream {
  private final byte[] buf;
  private int pos;
  private int mark;

  public SynchronizedStream(byte[] buf) {
    this.buf = buf.clone();
  }

  @Override
  public synchronized int read() {
    return pos < buf.length ? buf[pos++] & 0xff : -1;
  }

  @Override
  public synchronized void mark(int limit) {
    mark = pos;
  }

  @Override
  public synchronized void reset() {
    pos = mark;
  }

  @Override
  public boolean markSupported() {
    return true;
  }
}
