package dev.shareguard.core.model;

/**
 * Which library calls take or release a lock, and of which kind: {@code Lock} and its {@code
 * tryLock}, the read and write sides of a {@code ReadWriteLock}, a {@code StampedLock}'s stamps and
 * lock views. {@link LibraryModels} answers from here.
 */
final class LockModels {
  private final TypeHierarchy types;

  LockModels(TypeHierarchy types) {
    this.types = types;
  }

  LibraryModels.LockOp lockOp(String receiverType, String name) {
    if (receiverType == null) {
      return LibraryModels.LockOp.NONE;
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.locks.Lock")) {
      switch (name) {
        case "lock":
        case "lockInterruptibly":
          return LibraryModels.LockOp.ACQUIRE;
        case "tryLock":
          return LibraryModels.LockOp.TRY_ACQUIRE;
        case "unlock":
          return LibraryModels.LockOp.RELEASE;
        default:
          return LibraryModels.LockOp.NONE;
      }
    }
    if (types.isSubtype(receiverType, "java.util.concurrent.locks.ReadWriteLock")) {
      return name.equals("readLock")
          ? LibraryModels.LockOp.READ_VIEW
          : name.equals("writeLock") ? LibraryModels.LockOp.WRITE_VIEW : LibraryModels.LockOp.NONE;
    }
    if ("java.util.concurrent.locks.StampedLock".equals(receiverType)) {
      switch (name) {
        case "writeLock":
        case "writeLockInterruptibly":
          return LibraryModels.LockOp.STAMP_WRITE;
        case "readLock":
        case "readLockInterruptibly":
          return LibraryModels.LockOp.STAMP_READ;
        case "unlockWrite":
        case "unlockRead":
        case "unlock":
          return LibraryModels.LockOp.STAMP_RELEASE;
        case "asReadLock":
          return LibraryModels.LockOp.READ_VIEW;
        case "asWriteLock":
          return LibraryModels.LockOp.WRITE_VIEW;
        default:
          return LibraryModels.LockOp.NONE;
      }
    }
    return LibraryModels.LockOp.NONE;
  }

  /**
   * Whether a lock call can only complete normally: {@code Lock.lock()} and the untimed {@code
   * tryLock()}, the accessors {@code readLock()}/{@code writeLock()} of a {@code ReadWriteLock} and
   * the non-interruptible stamp and view calls of a {@code StampedLock} declare no exception and
   * throw none but an {@code Error}, after which nothing the program does is ordered anyway. The
   * interruptible and timed forms throw {@code InterruptedException} and are not among them.
   */
  boolean completesNormally(String receiverType, String name, int arity) {
    if (arity != 0) {
      return false;
    }
    return switch (lockOp(receiverType, name)) {
      case ACQUIRE, TRY_ACQUIRE -> !name.equals("lockInterruptibly");
      case READ_VIEW, WRITE_VIEW -> true;
      case STAMP_WRITE, STAMP_READ -> !name.endsWith("Interruptibly");
      default -> false;
    };
  }
}
