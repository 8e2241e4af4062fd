# errno: constants and the errorcode table
import errno

print(errno.ENOENT, errno.EEXIST, errno.EINVAL, errno.EAGAIN, errno.ENOMEM)
print(errno.errorcode[errno.ENOENT], errno.errorcode[errno.EEXIST])
print(errno.EBADF, errno.ETIMEDOUT, errno.EINPROGRESS)
