package com.acme;

/**
 * A connection with a receive digest and a send digest, each its own object: the receiving thread
 * updates one, {@code close()} the other, so their buffers are never shared.
 */
public class PerDirectionDigests {
  interface Digest {
    void update(byte b);
  }

  static final class Sha1 implements Digest {
    private final int[] w = new int[80];
    private int idx;

    public void update(byte b) {
      w[idx] = b;
      idx = (idx + 1) % 80;
    }
  }

  static final class Md5 implements Digest {
    private final int[] x = new int[16];

    public void update(byte b) {
      x[0] = b;
    }
  }

  static final class Mac {
    private final Digest md;

    Mac(String type) {
      md = type.equals("sha1") ? new Sha1() : new Md5();
    }

    void update(byte b) {
      md.update(b);
    }
  }

  static class Transport {
    Mac sendMac;
    Mac recvMac;

    void changeRecvMac(Mac mac) {
      recvMac = mac;
    }

    void changeSendMac(Mac mac) {
      sendMac = mac;
    }

    void send(byte b) {
      if (sendMac != null) {
        sendMac.update(b);
      }
    }

    void receive(byte b) {
      if (recvMac != null) {
        recvMac.update(b);
      }
    }
  }

  private final Transport tc = new Transport();
  private final Object lock = new Object();

  public void connect(String type) {
    tc.changeRecvMac(new Mac(type));
    tc.changeSendMac(new Mac(type));
    new Thread(() -> {
      while (true) {
        tc.receive((byte) 1);
      }
    }).start();
  }

  public void close() {
    synchronized (lock) {
      tc.send((byte) 0);
    }
  }
}
