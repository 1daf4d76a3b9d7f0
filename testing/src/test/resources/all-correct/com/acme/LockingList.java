package com.acme;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A project list wrapper every method of which holds its own read-write lock around the wrapped
 * list, handing out copies, never the list or a live view: a thread-safe container, as a
 * synchronized wrapper whose iterator is a snapshot. Sessions added and removed by any thread.
 */
public class LockingList<E> implements Collection<E> {
  private final List<E> list;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  public LockingList(List<E> list) {
    this.list = list;
  }

  @Override
  public int size() {
    lock.readLock().lock();
    try {
      return list.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean isEmpty() {
    lock.readLock().lock();
    try {
      return list.isEmpty();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean contains(Object o) {
    lock.readLock().lock();
    try {
      return list.contains(o);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Iterator<E> iterator() {
    lock.readLock().lock();
    try {
      return new ArrayList<>(list).iterator();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public Object[] toArray() {
    lock.readLock().lock();
    try {
      return list.toArray();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <T> T[] toArray(T[] a) {
    lock.readLock().lock();
    try {
      return list.toArray(a);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public boolean add(E e) {
    lock.writeLock().lock();
    try {
      return list.add(e);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean remove(Object o) {
    lock.writeLock().lock();
    try {
      return list.remove(o);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean containsAll(Collection<?> c) {
    lock.readLock().lock();
    try {
      return list.containsAll(c);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public synchronized boolean addAll(Collection<? extends E> c) {
    lock.writeLock().lock();
    try {
      return list.addAll(c);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean removeAll(Collection<?> c) {
    lock.writeLock().lock();
    try {
      return list.removeAll(c);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public boolean retainAll(Collection<?> c) {
    lock.writeLock().lock();
    try {
      return list.retainAll(c);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void clear() {
    lock.writeLock().lock();
    try {
      list.clear();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Sessions opened by any thread without the owner's lock, which its other methods hold: the
   * list itself is thread-safe, so that lock is not what keeps it whole.
   */
  public static class Sessions {
    private final Collection<String> open = new LockingList<>(new ArrayList<>());

    public void opened(String id) {
      open.add(id);
    }

    public synchronized void closed(String id) {
      open.remove(id);
    }

    public synchronized int count() {
      return open.size();
    }

    public synchronized boolean has(String id) {
      return open.contains(id);
    }

    public synchronized void closeAll() {
      open.clear();
    }
  }
}
